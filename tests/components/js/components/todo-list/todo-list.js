// A to-do list: add, toggle and remove items. Each setData carries only
// what changed, with path keys, as WeChat's performance advice asks:
// adding appends `items[n]`, toggling sends `items[i].done`; removing
// shifts the items after it, so the shorter list goes whole.
// ES5, as WeChat's oldest plugin bases run it.
Component({
  data: {
    items: [], // { id, title, done }
    draft: ''
  },

  lifetimes: {
    created: function () {
      // Not view data: ids only have to be unique within this instance.
      this.nextId = 1;
    }
  },

  methods: {
    onInput: function (e) {
      this.setData({ draft: e.detail.value });
    },

    onAdd: function () {
      var title = this.data.draft.trim();
      if (!title) return;
      var patch = { draft: '' };
      patch['items[' + this.data.items.length + ']'] = { id: this.nextId++, title: title, done: false };
      this.setData(patch);
      this.triggerEvent('change', { count: this.data.items.length });
    },

    onToggle: function (e) {
      var index = e.currentTarget.dataset.index;
      var patch = {};
      patch['items[' + index + '].done'] = !this.data.items[index].done;
      this.setData(patch);
    },

    onRemove: function (e) {
      var index = e.currentTarget.dataset.index;
      var items = this.data.items.filter(function (_, i) { return i !== index; });
      this.setData({ items: items });
      this.triggerEvent('change', { count: items.length });
    }
  }
});
