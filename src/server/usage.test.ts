import { usageSuite } from '../../test/server/usage-suite';
import { pgliteDatabases } from '../../test/server/databases';

usageSuite('PGlite (on disk)', pgliteDatabases());
