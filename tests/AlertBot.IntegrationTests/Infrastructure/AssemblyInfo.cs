// Hangfire keeps its storage in static state (JobStorage.Current): hosts in this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
