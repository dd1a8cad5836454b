import { startWorkerTarget } from '../helpers/worker-target';
import { seasonSuite } from './season-suite';

seasonSuite('Workers + D1', startWorkerTarget);
