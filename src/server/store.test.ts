import { storeSuite } from '../../test/server/store-suite';
import { pgliteDatabases } from '../../test/server/databases';

storeSuite('PGlite (on disk)', pgliteDatabases());
