import { submissionSuite } from '../../test/server/submission-suite';
import { pgliteDatabases } from '../../test/server/databases';

submissionSuite('PGlite (on disk)', pgliteDatabases());
