// Imported by web.test.ts before any suite: the browser build of mocha registers `suite`/`test` only after setup.
import 'mocha/mocha.js';

mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60000 });
