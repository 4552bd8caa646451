import { storeSuite } from '../../test/server/store-suite';
import { postgresDatabases } from '../../test/server/databases';

storeSuite('PostgreSQL 15', postgresDatabases());
