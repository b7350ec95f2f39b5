"""The de-identification benchmark's pydicom peer: a basic de-identification of every file
under IN into OUT (same relative paths), comparable in scope to what a small script does:
private elements removed, person names and identifiers blanked, instance UIDs replaced by
2.25 UIDs derived from a key, Patient Identity Removed set. Prints {"files": N} at the end.

Usage: python3 deid-pydicom.py IN OUT
"""

import hashlib
import json
import os
import sys

import pydicom

# Identifiers blanked (DICOM PS3.15 Table E.1-1 rows with the Z or X action on a CT image).
BLANKED = [
    "PatientID",
    "OtherPatientIDs",
    "AccessionNumber",
    "PatientBirthDate",
    "PatientAddress",
    "InstitutionName",
    "InstitutionAddress",
    "StationName",
    "DeviceSerialNumber",
    "StudyID",
]
DICOM_ROOT = "1.2.840.10008."
KEY = b"ctbank-bench-pydicom"


def new_uid(uid):
    """A 2.25 UID derived from the original and the key, the same for the same input."""
    digest = hashlib.sha256(KEY + uid.encode("ascii")).digest()
    return "2.25." + str(int.from_bytes(digest[:16], "big"))


def clean(dataset, element):
    """Blanks person names and replaces UIDs, at every depth (called by Dataset.walk)."""
    if element.VR == "PN":
        element.value = ""
    elif element.VR == "UI" and element.value:
        values = element.value if element.VM > 1 else [element.value]
        mapped = [v if str(v).startswith(DICOM_ROOT) else new_uid(str(v)) for v in values]
        element.value = mapped if element.VM > 1 else mapped[0]


def deidentify(source, target):
    dataset = pydicom.dcmread(source)
    dataset.remove_private_tags()
    dataset.walk(clean)
    for keyword in BLANKED:
        if keyword in dataset:
            dataset.data_element(keyword).value = ""
    dataset.PatientIdentityRemoved = "YES"
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    dataset.save_as(target, write_like_original=False)


def main():
    source_root, target_root = sys.argv[1], sys.argv[2]
    files = 0
    for folder, _, names in os.walk(source_root):
        for name in sorted(names):
            source = os.path.join(folder, name)
            target = os.path.join(target_root, os.path.relpath(source, source_root))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            deidentify(source, target)
            files += 1
    print(json.dumps({"files": files}))


if __name__ == "__main__":
    main()
