# Shared by the bench scripts (sourced, not run).

# seconds command... -> the command's elapsed wall-clock seconds, one decimal
# (its output discarded).
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    awk "BEGIN { printf \"%.1f\", $end - $start }"
}
