// A counter: each tap adds `step` and tells the page the new count.
// ES5, as WeChat's oldest plugin bases run it.
Component({
  properties: {
    step: { type: Number, value: 1 }
  },

  data: {
    count: 0
  },

  methods: {
    onAdd: function () {
      var count = this.data.count + this.data.step;
      // Only the field that changed goes to the view.
      this.setData({ count: count });
      this.triggerEvent('change', { count: count });
    }
  }
});
