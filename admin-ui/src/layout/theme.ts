// The spec's design guidelines: its colours, system font stack and type scale, and touch targets of
// at least 44 px on every button, icon button and menu item.
import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const colors = {
  primary600: '#1E40AF',
  primary700: '#1E3A8A',
  primary500: '#3B82F6',
  success500: '#10B981',
  warning500: '#F59E0B',
  danger500: '#EF4444',
  info500: '#06B6D4',
  gray50: '#F9FAFB',
  gray100: '#F3F4F6',
  gray200: '#E5E7EB',
  gray500: '#6B7280',
  gray700: '#374151',
  gray900: '#111827',
} as const;

const rem = (px: number): string => `${String(px / 16)}rem`;
const TOUCH = 44;

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: 'light',
    primary: { main: colors.primary600, dark: colors.primary700, light: colors.primary500 },
    secondary: { main: colors.gray700 },
    success: { main: colors.success500 },
    warning: { main: colors.warning500 },
    error: { main: colors.danger500 },
    info: { main: colors.info500 },
    background: { default: colors.gray50, paper: '#FFFFFF' },
    text: { primary: colors.gray900, secondary: colors.gray500 },
  },
  typography: {
    fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
    h1: { fontSize: rem(36), fontWeight: 700 },
    h2: { fontSize: rem(30), fontWeight: 700 },
    h3: { fontSize: rem(24), fontWeight: 600 },
    h4: { fontSize: rem(20), fontWeight: 600 },
    h5: { fontSize: rem(18), fontWeight: 600 },
    h6: { fontSize: rem(16), fontWeight: 600 },
    body1: { fontSize: rem(16) },
    body2: { fontSize: rem(14) },
    caption: { fontSize: rem(12) },
  },
  shape: { borderRadius: 8 },
  sidebar: { width: 240, closedWidth: 56 },
  components: {
    ...defaultTheme.components,
    // Media queries read at the first render (there is no server rendering): a phone is drawn as a
    // phone at once, not as a desktop then again.
    MuiUseMediaQuery: { defaultProps: { noSsr: true } },
    MuiButton: {
      defaultProps: { disableElevation: true },
      styleOverrides: { root: { minHeight: TOUCH, textTransform: 'none', fontWeight: 600 } },
    },
    MuiIconButton: { styleOverrides: { root: { minWidth: TOUCH, minHeight: TOUCH } } },
    MuiMenuItem: { styleOverrides: { root: { minHeight: TOUCH } } },
    MuiListItemButton: { styleOverrides: { root: { minHeight: TOUCH } } },
    MuiBottomNavigationAction: { styleOverrides: { root: { minHeight: 56, minWidth: 64 } } },
    MuiTab: { styleOverrides: { root: { minHeight: TOUCH, textTransform: 'none' } } },
    MuiCard: {
      styleOverrides: {
        root: { border: `1px solid ${colors.gray200}`, boxShadow: '0 1px 2px rgba(17,24,39,0.05)' },
      },
    },
  },
};
