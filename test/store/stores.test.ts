import { openD1, openSqlite } from './open-stores';
import { storeSuite } from './store-contract';

storeSuite('SQLite (better-sqlite3)', openSqlite);
storeSuite('D1 (local workerd)', openD1);
