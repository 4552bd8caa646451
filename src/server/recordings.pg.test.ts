import { recordingSuite } from '../../test/server/recording-suite';
import { recordingFuzzSuite } from '../../test/server/recording-fuzz';
import { postgresDatabases } from '../../test/server/databases';

recordingSuite('PostgreSQL 15', postgresDatabases());
recordingFuzzSuite('PostgreSQL 15', postgresDatabases());
