import type { ApiError } from '../api';
import { ErrorPanel } from './status';

/**
 * Whether Attune needs the person's consent to read their calendar through Microsoft Graph (403
 * `consent_required`). The one place the tab asks: the consent prompt (components/consent-prompt.tsx, to come)
 * replaces the panel below where this answers true.
 */
export function isConsentRequired(error: ApiError): boolean {
  return error.status === 403 && error.code === 'consent_required';
}

/**
 * A scheduling failure as the person should see it: the server's message and details, under a title that
 * says what failed — or, when Outlook needs the person's consent first, a title that says so.
 */
export function SchedulingError(props: { title: string; error: ApiError; onRetry?: () => void }) {
  const { error } = props;
  if (isConsentRequired(error)) {
    return <ErrorPanel title="Attune needs your permission to use your Outlook calendar" error={error} {...(props.onRetry ? { onRetry: props.onRetry } : {})} />;
  }
  return <ErrorPanel title={props.title} error={error} {...(props.onRetry ? { onRetry: props.onRetry } : {})} />;
}
