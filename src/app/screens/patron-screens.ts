// Every screen a patron opens after the home screen, as one module and so one file of the build
// (vite.config.ts): a fresh kiosk precaches each file before it works offline, and on a rural
// link files come in rounds of six connections, one round trip per round.
export { CategoryScreen } from './CategoryScreen';
export { FormScreen } from './FormScreen';
export { GuideScreen } from './GuideScreen';
export { ReceiptScreen } from './ReceiptScreen';
export { SearchScreen } from './SearchScreen';
