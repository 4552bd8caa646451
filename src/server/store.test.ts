import { storeSuite } from './store-suite';
import { pgliteDatabases } from './suite-databases';

storeSuite('PGlite (on disk)', pgliteDatabases());
