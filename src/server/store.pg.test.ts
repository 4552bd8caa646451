import { storeSuite } from './store-suite';
import { postgresDatabases } from './suite-databases';

storeSuite('PostgreSQL 15', postgresDatabases());
