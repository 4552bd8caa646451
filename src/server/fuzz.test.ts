import { fuzzSuite } from '../../test/server/fuzz-suite';
import { pgliteDatabases } from '../../test/server/databases';

fuzzSuite('PGlite (on disk)', pgliteDatabases());
