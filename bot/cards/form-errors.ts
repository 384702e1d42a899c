/** What a form shows when a submission was refused: the message and one line per problem. */
export interface FormErrors {
  readonly heading: string;
  readonly problems: readonly string[];
}

/** The template fields of a form's error block (empty when there is nothing to say). */
export function errorData(errors: FormErrors | null | undefined): { errorHeading: string; errors: readonly string[] } {
  return errors ? { errorHeading: errors.heading, errors: errors.problems.length ? errors.problems : [errors.heading] } : { errorHeading: '', errors: [] };
}
