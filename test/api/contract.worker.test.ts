import { startWorkerTarget } from '../helpers/worker-target';
import { contractSuite } from './contract-suite';

contractSuite('workers', startWorkerTarget);
