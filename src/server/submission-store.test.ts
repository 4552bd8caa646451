import { submissionSuite } from './submission-suite';
import { pgliteDatabases } from './suite-databases';

submissionSuite('PGlite (on disk)', pgliteDatabases());
