'use strict';
// The user's scripted answers: a scenario key of the form
// { answers: [...], default } (scanCode, actionSheet, payment) answers one
// call after another, then its default. The count of answers used is kept
// per host, in env.state.answers.

/** The scenario key's next answer ({ answers, default }), else its default, else `fallback`. */
function nextAnswer(env, key, fallback) {
  const sc = env.scenario[key];
  env.state.answers = env.state.answers || {};
  const used = env.state.answers[key] || 0;
  env.state.answers[key] = used + 1;
  if (sc && sc.answers && used < sc.answers.length) return sc.answers[used];
  return sc && sc.default !== undefined ? sc.default : fallback;
}

module.exports = { nextAnswer };
