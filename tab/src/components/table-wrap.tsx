import type { ReactNode } from 'react';
import { useShared } from '../styles';

/**
 * A wide table that scrolls sideways on a narrow screen. The scrolling region is focusable and named, so a
 * keyboard user can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const shared = useShared();
  return (
    <div className={shared.tableWrap} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
