// The librarian's screens (enrolment, the panel and its pages) as one module and so one file of
// the build, for the same reason as patron-screens.ts.
export { KioskScreen } from './KioskScreen';
export { LibrarianScreen } from './LibrarianScreen';
