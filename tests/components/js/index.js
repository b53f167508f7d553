// The plugin's main module: these components need nothing from it.
module.exports = {};
