import { fuzzSuite } from './fuzz-suite';
import { pgliteDatabases } from './suite-databases';

fuzzSuite('PGlite (on disk)', pgliteDatabases());
