import { usageSuite } from '../../test/server/usage-suite';
import { postgresDatabases } from '../../test/server/databases';

usageSuite('PostgreSQL 15', postgresDatabases());
