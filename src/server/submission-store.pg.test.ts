import { submissionSuite } from './submission-suite';
import { postgresDatabases } from './suite-databases';

submissionSuite('PostgreSQL 15', postgresDatabases());
