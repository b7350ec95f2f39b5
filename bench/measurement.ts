/** One timed run of one tool on one form of the dataset. */
export interface Measurement {
  readonly tool: 'ctbank' | 'orthanc';
  /** folders: the DICOM files as they lie; rars: one stored RAR5 archive per patient. */
  readonly input: 'folders' | 'rars';
  /** Wall time in seconds. */
  readonly seconds: number;
  /** Input bytes: the sizes of the files or archives handed to the tool. */
  readonly bytes: number;
  readonly instances: number;
  /** Peak resident memory of the tool's processes (all threads included), in bytes. */
  readonly peakRssBytes: number;
}
