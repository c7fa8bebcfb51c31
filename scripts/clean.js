// Removes dist/ before a build so a renamed or deleted source file leaves nothing stale behind.
const fs = require('fs');
const path = require('path');
fs.rmSync(path.join(__dirname, '..', 'dist'), { recursive: true, force: true });
