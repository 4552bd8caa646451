import { recordingSuite } from '../../test/server/recording-suite';
import { recordingFuzzSuite } from '../../test/server/recording-fuzz';
import { pgliteDatabases } from '../../test/server/databases';

recordingSuite('PGlite (on disk)', pgliteDatabases());
recordingFuzzSuite('PGlite (on disk)', pgliteDatabases());
