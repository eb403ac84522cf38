"""GitHub's jobs, replayed here as GitHub runs them: the work of the replay session.

So far, `expressions`: the workflows' `${{ }}` expressions and `if:` conditions, evaluated as
GitHub documents them, for the replay to read the workflow files themselves.
"""
