import type { AnchoredComment } from '../review/review';
import type { NoteGrade } from './grade';

/** One student's note as the class report shows it: its file, its grade, and the educator's review comments beside it. */
export interface GradedNote {
  /** The file as shown to the user (relative to the working folder when inside it). */
  file: string;
  grade: NoteGrade;
  /** The comments of `NAME.review.yaml`, placed on the note as it reads now; `problems` says why a review file could not be used. */
  review?: { comments: AnchoredComment[]; problems: string[] };
}
