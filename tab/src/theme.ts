import { useSyncExternalStore } from 'react';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsTheme } from './teams';

export type ThemeName = 'light' | 'dark' | 'contrast';

export const themes: Record<ThemeName, Theme> = { light: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const fromTeams: Record<TeamsTheme, ThemeName> = { default: 'light', dark: 'dark', contrast: 'contrast' };

const queries = { contrast: '(forced-colors: active)', dark: '(prefers-color-scheme: dark)' } as const;

function subscribe(onChange: () => void): () => void {
  const lists = Object.values(queries).map((q) => window.matchMedia(q));
  for (const l of lists) l.addEventListener('change', onChange);
  return () => {
    for (const l of lists) l.removeEventListener('change', onChange);
  };
}

function browserTheme(): ThemeName {
  if (window.matchMedia(queries.contrast).matches) return 'contrast';
  return window.matchMedia(queries.dark).matches ? 'dark' : 'light';
}

/** Inside Teams the tab follows the Teams theme; outside it follows the browser's colour scheme and forced colours. */
export function useThemeName(teams: TeamsTheme | null): ThemeName {
  const browser = useSyncExternalStore(subscribe, browserTheme, () => 'light' as const);
  return teams ? fromTeams[teams] : browser;
}
