import { startNodeTarget } from '../helpers/node-target';
import { contractSuite } from './contract-suite';

contractSuite('Node + SQLite', startNodeTarget);
