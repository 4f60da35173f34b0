// react-admin's store (the language, list preferences, the sidebar), in localStorage. One instance
// shared by the till's light shell and the back office, so a language chosen in one is the other's.
import { localStorageStore } from 'react-admin';

export const store = localStorageStore();
