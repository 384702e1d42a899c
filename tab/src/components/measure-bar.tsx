import { Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Measure } from '../../../src/contract/http';

const useStyles = makeStyles({
  field: { marginBottom: tokens.spacingVerticalM },
});

/**
 * One requirement as a labelled progress bar with "done of required" under it. The bar carries the same
 * words as aria-valuetext, so a screen reader says "7 h of 8 h" rather than "420".
 */
export function MeasureBar(props: { label: string; measure: Measure; testId: string; format?: (n: number) => string }) {
  const styles = useStyles();
  const { label, measure, testId } = props;
  const format = props.format ?? String;
  const text = `${format(measure.done)} of ${format(measure.required)}`;
  const met = measure.done >= measure.required;
  const max = measure.required > 0 ? measure.required : 1;
  const value = measure.required > 0 ? Math.min(measure.done, measure.required) : 1;
  return (
    <Field
      className={styles.field}
      label={label}
      hint={
        <span data-testid={testId} data-done={measure.done} data-required={measure.required}>
          {text}
        </span>
      }
    >
      <ProgressBar value={value} max={max} thickness="large" color={met ? 'success' : 'brand'} aria-valuetext={text} />
    </Field>
  );
}
