import { fuzzSuite } from './fuzz-suite';
import { postgresDatabases } from './suite-databases';

fuzzSuite('PostgreSQL 15', postgresDatabases());
