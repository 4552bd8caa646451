import { recordingSuite } from '../../test/server/recording-suite';
import { pgliteDatabases } from '../../test/server/databases';

recordingSuite('PGlite (on disk)', pgliteDatabases());
