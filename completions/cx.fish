# fish completion for cx. The candidates come from `cx __complete`, which
# reads the same command tables as cx's help (and, for values such as case
# numbers or customers, the database), with a description for each.

function __cx_complete
    # The words typed after `cx`, then the one being completed (maybe empty).
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l cmd $words[1]
    set -e words[1]
    set -l out ($cmd __complete $words "$cur" 2>/dev/null)
    or return
    if test "$out" = __file__
        __fish_complete_path "$cur"
        return
    end
    # "value<TAB>description" is already the form fish reads.
    printf '%s\n' $out
end

# -k keeps cx's order: verbs as in help, newest cases first.
complete -c cx -f -k -a '(__cx_complete)'
