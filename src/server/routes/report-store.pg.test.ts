import { postgresDatabases } from '../../../test/server/databases';
import { reportSuite } from '../../../test/server/report-suite';

reportSuite('PostgreSQL 15', postgresDatabases());
