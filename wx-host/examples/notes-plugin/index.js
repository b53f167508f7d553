// A small JavaScript plugin, as most are: it keeps notes in wx storage and
// says so with a toast. wx-host/examples/notes.test.js tests it.
module.exports = {
  save(text) {
    if (!text.trim()) throw new Error('a note needs some text');
    const notes = wx.getStorageSync('notes') || [];
    notes.push(text);
    wx.setStorageSync('notes', notes);
    wx.showToast({ title: `${notes.length} notes` });
    return notes.length;
  },
};
