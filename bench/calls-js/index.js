// calls-typed written in plain JavaScript, as most plugins are: the
// baseline the Rust versions are compared with.

let events = 0;

function call(api, options) {
  return new Promise((resolve, reject) => api({ ...options, success: resolve, fail: reject }));
}

module.exports = {
  sync_calls(n) {
    let found = 0;
    for (let i = 0; i < n; i++) if (typeof wx.getStorageSync('k') === 'string') found++;
    return found;
  },
  async async_calls(n) {
    let found = 0;
    for (let i = 0; i < n; i++) if (typeof (await call(wx.getStorage, { key: 'k' })).data === 'string') found++;
    return found;
  },
  listen() {
    wx.onNetworkStatusChange((event) => { if (event.isConnected) events++; });
  },
  events() {
    return events;
  },
  async requests(url, n) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (await call(wx.request, { url })).statusCode;
    return sum;
  },
  buffers(n) {
    const fs = wx.getFileSystemManager();
    const path = `${wx.env.USER_DATA_PATH}/buffer.bin`;
    const data = new Uint8Array(64 * 1024).fill(7);
    let total = 0;
    for (let i = 0; i < n; i++) {
      fs.writeFileSync(path, data.slice().buffer);
      total += new Uint8Array(fs.readFileSync(path)).length;
    }
    return total;
  },
};
