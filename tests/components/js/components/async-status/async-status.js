// Reads a value from storage when it appears (and on "Reload") and shows
// loading, the value or the failure. The callback form of wx.getStorage
// runs on every base (the promise form needs 2.10.2).
// ES5, as WeChat's oldest plugin bases run it.
Component({
  properties: {
    storageKey: { type: String, value: 'status' }
  },

  data: {
    state: 'loading', // 'loading' | 'ready' | 'error'
    value: '',
    error: ''
  },

  lifetimes: {
    attached: function () {
      this.alive = true;
      this.load();
    },
    detached: function () {
      // A callback that arrives after this must not touch the view.
      this.alive = false;
    }
  },

  methods: {
    load: function () {
      var self = this;
      // Loading is the initial state: only a reload has to say so.
      if (self.data.state !== 'loading') self.setData({ state: 'loading' });
      wx.getStorage({
        key: self.data.storageKey,
        success: function (res) {
          if (!self.alive) return;
          self.setData({ state: 'ready', value: String(res.data) });
          self.triggerEvent('load', { value: res.data });
        },
        fail: function (err) {
          if (!self.alive) return;
          self.setData({ state: 'error', error: err.errMsg });
          self.triggerEvent('error', { errMsg: err.errMsg });
        }
      });
    }
  }
});
