import { pgliteDatabases } from '../../../test/server/databases';
import { reportSuite } from '../../../test/server/report-suite';

reportSuite('PGlite', pgliteDatabases());
