/** How supervision is booked in this organisation: the clock it keeps, and where a meeting's invitation links to. */
export interface SchedulingSettings {
  /** The service's time zone: working hours, the 07:00–20:00 bounds and a series' clock time are in it. */
  readonly zone: string;
  /**
   * The link in a meeting's invitation to the enrolment in Attune's tab (a Teams deep link, or the tab's web
   * address); null when Attune has no public address, and the invitation then says only where to look.
   */
  readonly enrolmentLink: (enrolmentId: string) => string | null;
}

export const defaultSchedulingSettings: SchedulingSettings = { zone: 'Europe/London', enrolmentLink: () => null };
