import assert from 'node:assert/strict';
import { test } from 'node:test';

import { drawPatient, type SyntheticPatient } from './demographics.js';
import { SeededRandom } from './seeded-random.js';

const COHORT = 4000;

function cohort(): SyntheticPatient[] {
  const random = new SeededRandom('demographics-test');
  return Array.from({ length: COHORT }, (_, index) => drawPatient(random, index, 1_000_000));
}

function yearsBetween(birth: string, study: string): number {
  const [by, bm, bd] = [birth.slice(0, 4), birth.slice(4, 6), birth.slice(6)].map(Number);
  const [sy, sm, sd] = [study.slice(0, 4), study.slice(4, 6), study.slice(6)].map(Number);
  const beforeBirthday = (sm ?? 0) < (bm ?? 0) || (sm === bm && (sd ?? 0) < (bd ?? 0));
  return (sy ?? 0) - (by ?? 0) - (beforeBirthday ? 1 : 0);
}

void test('draws ages 6–89 with a mean near 47 years and about 60 % men', () => {
  const patients = cohort();
  const ages = patients.map((p) => p.age);
  const mean = ages.reduce((sum, age) => sum + age, 0) / COHORT;
  const men = patients.filter((p) => p.sex === 'M').length / COHORT;

  assert.ok(Math.min(...ages) >= 6 && Math.max(...ages) <= 89);
  assert.ok(Math.abs(mean - 47.2) < 1.5, `mean age ${mean}`);
  assert.ok(Math.abs(men - 0.609) < 0.03, `male share ${men}`);
});

void test('gives birth dates that match the age at the study date', () => {
  for (const patient of cohort().slice(0, 500)) {
    assert.equal(yearsBetween(patient.birthDate, patient.studyDate), patient.age);
    assert.ok(patient.studyDate >= '20200220' && patient.studyDate <= '20201216');
  }
});

void test('gives every patient of a dataset a distinct ID', () => {
  const ids = cohort().map((p) => p.patientId);

  assert.equal(new Set(ids).size, COHORT);
});
