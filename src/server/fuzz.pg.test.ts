import { fuzzSuite } from '../../test/server/fuzz-suite';
import { postgresDatabases } from '../../test/server/databases';

fuzzSuite('PostgreSQL 15', postgresDatabases());
