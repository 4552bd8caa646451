import { recordingSuite } from '../../test/server/recording-suite';
import { postgresDatabases } from '../../test/server/databases';

recordingSuite('PostgreSQL 15', postgresDatabases());
