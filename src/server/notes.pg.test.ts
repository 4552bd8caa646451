import { notesSuite } from '../../test/server/notes-suite';
import { postgresDatabases } from '../../test/server/databases';

notesSuite('PostgreSQL 15', postgresDatabases());
