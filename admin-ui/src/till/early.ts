// Evaluated first of all the app's modules (main.tsx imports it before anything else): on a fresh
// load of the till, its first requests leave before React and MUI are even evaluated.
import { startTillRequests } from '../pos/catalogue.ts';
import { startsInTill } from './startsInTill.ts';

export const inTill = startsInTill(window.location.pathname);
if (inTill) startTillRequests();
