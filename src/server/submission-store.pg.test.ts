import { submissionSuite } from '../../test/server/submission-suite';
import { postgresDatabases } from '../../test/server/databases';

submissionSuite('PostgreSQL 15', postgresDatabases());
