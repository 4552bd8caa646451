import { notesSuite } from '../../test/server/notes-suite';
import { pgliteDatabases } from '../../test/server/databases';

notesSuite('PGlite (on disk)', pgliteDatabases());
