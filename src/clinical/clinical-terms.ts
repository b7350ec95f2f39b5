/**
 * The controlled vocabularies of the clinical CSV: coexisting conditions and symptoms, each a
 * stable key with the label the overview table prints and the synonyms hospitals write.
 * Matching ignores case, punctuation and repeated spaces.
 */

/** One controlled term. */
export interface ClinicalTerm {
  readonly key: string;
  readonly label: string;
  readonly synonyms: readonly string[];
}

/** Coexisting conditions; the reference cohort's most common come first. */
export const COMORBIDITIES: readonly ClinicalTerm[] = [
  term('hypertension', 'Hypertension', 'htn, high blood pressure, arterial hypertension'),
  term(
    'coronary-heart-disease',
    'Coronary heart disease',
    'chd, cad, coronary artery disease, ischemic heart disease, ischaemic heart disease, ihd',
  ),
  term(
    'diabetes',
    'Diabetes',
    'dm, diabetes mellitus, t2dm, t1dm, type 2 diabetes, type 1 diabetes',
  ),
  term('interstitial-pneumonia', 'Interstitial pneumonia', 'interstitial lung disease, ild'),
  term('emphysema', 'Emphysema', 'pulmonary emphysema'),
  term('copd', 'Chronic obstructive pulmonary disease', 'chronic obstructive pulmonary disease'),
  term('asthma', 'Asthma', 'bronchial asthma'),
  term('heart-failure', 'Heart failure', 'chf, congestive heart failure'),
  term(
    'chronic-kidney-disease',
    'Chronic kidney disease',
    'ckd, renal failure, chronic renal failure',
  ),
  term('chronic-liver-disease', 'Chronic liver disease', 'cirrhosis, liver cirrhosis, hepatitis'),
  term('cerebrovascular-disease', 'Cerebrovascular disease', 'stroke, cva'),
  term('malignancy', 'Malignancy', 'cancer, tumour, tumor, neoplasm'),
  term('immunosuppression', 'Immunosuppression', 'immunodeficiency, immunocompromised, hiv'),
  term('obesity', 'Obesity', 'obese'),
  term('tuberculosis', 'Tuberculosis', 'tb, pulmonary tuberculosis'),
];

/** Symptoms at presentation. */
export const SYMPTOMS: readonly ClinicalTerm[] = [
  term('fever', 'Fever', 'pyrexia, febrile'),
  term('cough', 'Cough', 'dry cough, productive cough'),
  term('dyspnea', 'Dyspnoea', 'dyspnoea, shortness of breath, sob, breathlessness'),
  term('fatigue', 'Fatigue', 'tiredness, weakness, malaise'),
  term('myalgia', 'Myalgia', 'muscle pain, body ache'),
  term('headache', 'Headache', 'cephalalgia'),
  term('sore-throat', 'Sore throat', 'pharyngitis, throat pain'),
  term('chest-pain', 'Chest pain', 'chest tightness'),
  term('diarrhea', 'Diarrhoea', 'diarrhoea'),
  term('nausea', 'Nausea or vomiting', 'vomiting, nausea and vomiting'),
  term('anosmia', 'Loss of smell or taste', 'loss of smell, ageusia, loss of taste'),
  term('chills', 'Chills', 'rigors, shivering'),
];

/** Words that mean "none of them" in a list cell. */
const NONE = new Set(['none', 'no', 'nil', 'asymptomatic', '-']);

/** The keys a `;`-separated cell names; unknown terms are returned apart, never guessed. */
export function mapTerms(
  vocabulary: readonly ClinicalTerm[],
  cell: string,
): { keys: string[]; unknown: string[] } {
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const raw of cell.split(';')) {
    const text = normalised(raw);
    if (text === '' || NONE.has(text)) continue;

    const found = vocabulary.find(
      (candidate) =>
        normalised(candidate.key) === text ||
        normalised(candidate.label) === text ||
        candidate.synonyms.some((synonym) => normalised(synonym) === text),
    );
    if (found === undefined) unknown.push(raw.trim());
    else if (!keys.includes(found.key)) keys.push(found.key);
  }
  return { keys, unknown };
}

/** The label of a key of the vocabulary (the key itself when unknown). */
export function termLabel(vocabulary: readonly ClinicalTerm[], key: string): string {
  return vocabulary.find((candidate) => candidate.key === key)?.label ?? key;
}

function normalised(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function term(key: string, label: string, synonyms: string): ClinicalTerm {
  return { key, label, synonyms: synonyms.split(',').map((synonym) => synonym.trim()) };
}
