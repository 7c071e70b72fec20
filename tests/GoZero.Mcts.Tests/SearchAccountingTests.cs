using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class SearchAccountingTests
{
    private static Game SmallGame(int size = 5)
    {
        var game = new Game(size, new RulesOptions(Komi: 0.5));
        game.Play(Vertex.ParseGtp("C3", game.Geometry));
        return game;
    }

    /// <summary>Every expanded node has one visit of its own (the evaluation that expanded it) plus its children's —
    /// or more, once a node could not be expanded at the node budget and was evaluated again later; no virtual loss is
    /// left behind.</summary>
    internal static void AssertTreeConsistent(SearchTree tree, bool budgetReached = false)
    {
        var stack = new Stack<int>();
        stack.Push(SearchTree.Root);
        while (stack.Count > 0)
        {
            int index = stack.Pop();
            var node = tree[index];
            Assert.Equal(0, node.VirtualLoss);
            Assert.InRange(Math.Abs(node.Q), 0, 1);
            if (!node.IsExpanded) continue;
            long children = 0;
            for (int c = 0; c < node.ChildCount; c++)
            {
                children += tree[node.FirstChild + c].Visits;
                stack.Push(node.FirstChild + c);
            }
            if (budgetReached) Assert.InRange(node.Visits, children + 1, long.MaxValue);
            else Assert.Equal(node.Visits, children + 1);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 8)]
    [InlineData(2, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    [InlineData(4, 16)]
    [InlineData(8, 1)]
    [InlineData(8, 3)]
    [InlineData(8, 8)]
    public void RootVisitsEqualPlayoutsForAnyThreadsAndBatch(int threads, int batch)
    {
        var search = new Search(SmallGame(), new RolloutEvaluator(2, seed: 3),
            new SearchOptions { MaxPlayouts = 500, Threads = threads, BatchSize = batch });
        var result = search.Run();
        Assert.Equal(StopReason.PlayoutLimit, result.StopReason);
        Assert.Equal(500, result.Playouts);
        Assert.Equal(500, result.RootVisits);
        Assert.Equal(500, search.Tree[SearchTree.Root].Visits);
        AssertTreeConsistent(search.Tree);

        var again = search.Run();
        Assert.Equal(500, again.Playouts);
        Assert.Equal(1000, again.RootVisits);
        AssertTreeConsistent(search.Tree);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void OneSeededThreadIsDeterministic(int batch)
    {
        var options = new SearchOptions { MaxPlayouts = 300, BatchSize = batch, DirichletNoise = true, Seed = 11 };
        (IReadOnlyList<RootMoveStats> Moves, Move Chosen) Once()
        {
            var search = new Search(SmallGame(), new RolloutEvaluator(4, seed: 5), options);
            var result = search.Run();
            return (result.Moves, new MovePolicy(MovePolicyOptions.Default with { TemperatureMoves = 1 }, options.Seed).Choose(search.Game, result));
        }
        var first = Once();
        var second = Once();
        Assert.Equal(first.Moves, second.Moves);
        Assert.Equal(first.Chosen, second.Chosen);
    }

    [Fact]
    public void TreeReuseKeepsTheChosenChildsCounts()
    {
        var search = new Search(SmallGame(), new RolloutEvaluator(2, seed: 3), new SearchOptions { MaxPlayouts = 400 });
        var result = search.Run();
        var best = result.Moves[0];
        int bestIndex = search.Tree.ChildByMove(SearchTree.Root, best.Move);
        var bestNode = search.Tree[bestIndex];

        search.Play(best.Move);
        var root = search.Tree[SearchTree.Root];
        Assert.Equal(best.Visits, root.Visits);
        Assert.Equal(bestNode.ValueSum, root.ValueSum);
        Assert.Equal(bestNode.ChildCount, root.ChildCount);
        AssertTreeConsistent(search.Tree);

        // The opponent's reply keeps its own subtree too.
        var reply = search.RootMoves()[0];
        search.Play(reply.Move);
        Assert.Equal(reply.Visits, search.Tree[SearchTree.Root].Visits);

        var next = search.Run();
        Assert.Equal(reply.Visits + 400, next.RootVisits);
        AssertTreeConsistent(search.Tree);
    }

    [Fact]
    public void PlayingAnUnsearchedMoveStartsAFreshTree()
    {
        var search = new Search(SmallGame(), new RolloutEvaluator(2, seed: 3), new SearchOptions { MaxPlayouts = 20 });
        search.Run();
        var unvisited = search.RootMoves().Last(m => m.Visits == 0).Move;
        search.Play(unvisited);
        Assert.Equal(0, search.Tree[SearchTree.Root].Visits);
        Assert.Equal(1, search.Tree.Count);
        Assert.Equal(unvisited, search.Game.Moves[^1]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    public void NodeBudgetIsRespected(int threads, int batch)
    {
        var search = new Search(SmallGame(), new RolloutEvaluator(1, seed: 3),
            new SearchOptions { MaxPlayouts = 100_000, NodeBudget = 300, Threads = threads, BatchSize = batch });
        var result = search.Run();
        Assert.Equal(StopReason.NodeBudget, result.StopReason);
        Assert.InRange(search.Tree.Count, 1, 300);
        Assert.Equal(result.Playouts, result.RootVisits);
        Assert.True(result.Playouts < 100_000);
    }

    [Fact]
    public void VisitLimitCountsTheKeptVisits()
    {
        var search = new Search(SmallGame(), new RolloutEvaluator(1, seed: 3), new SearchOptions { MaxPlayouts = 400, MaxVisits = 250 });
        var first = search.Run();
        Assert.Equal(StopReason.VisitLimit, first.StopReason);
        Assert.Equal(250, first.RootVisits);
        search.Play(first.BestMove);
        int kept = search.Tree[SearchTree.Root].Visits;
        var second = search.Run();
        Assert.Equal(250, second.RootVisits);
        Assert.Equal(250 - kept, second.Playouts);
    }

    [Fact]
    public void CancellationStopsTheSearch()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var search = new Search(SmallGame(), new RolloutEvaluator(1), new SearchOptions { MaxPlayouts = 1000, Threads = 2 });
        var result = search.Run(cancel.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(result.Playouts, result.RootVisits);
    }

    /// <summary>
    /// A game both players have passed is still searched from its root (the passes are history; a pass in the tree
    /// ends it again), and an unlimited search of it stops when cancelled — it once spun forever on descents that
    /// all ended at the root, never looking at its token.
    /// </summary>
    [Fact]
    public async Task AFinishedGameIsSearchedFromItsRootUntilCancelled()
    {
        var game = SmallGame();
        game.Play(Move.Pass);
        game.Play(Move.Pass);
        Assert.True(game.IsOver);
        // The tree grows lazily, so a budget far above what a second can fill keeps the cancellation the only limit
        // (a fast machine filled the default million nodes of this 5×5 tree in 300 ms). A second, not less: on a
        // loaded machine the search threads may not run at all in the first 100 ms.
        var options = new SearchOptions { MaxPlayouts = int.MaxValue, Threads = 2, NodeBudget = 100_000_000 };
        var search = new Search(game, new RolloutEvaluator(1), options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var run = Task.Run(() => search.Run(cancel.Token));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Contains(search.RootMoves(), m => m.Move.IsPlay && m.Visits > 0);
    }

    [Fact]
    public void RootNoiseKeepsPriorsADistribution()
    {
        var search = new Search(SmallGame(), new RolloutEvaluator(1), new SearchOptions { MaxPlayouts = 50, DirichletNoise = true });
        search.Run();
        var moves = search.RootMoves();
        Assert.Equal(1.0, moves.Sum(m => (double)m.Prior), 4);
        Assert.True(moves.Select(m => m.Prior).Distinct().Count() > 1, "uniform priors are perturbed");
    }

    [Theory]
    [InlineData(nameof(SearchOptions.CPuct))]
    [InlineData(nameof(SearchOptions.Threads))]
    [InlineData(nameof(SearchOptions.BatchSize))]
    [InlineData(nameof(SearchOptions.NodeBudget))]
    [InlineData(nameof(SearchOptions.DirichletEpsilon))]
    public void InvalidOptionsAreRefusedWhereTheSearchIsMade(string option)
    {
        var options = option switch
        {
            nameof(SearchOptions.CPuct) => new SearchOptions { CPuct = -1 },
            nameof(SearchOptions.Threads) => new SearchOptions { Threads = 0 },
            nameof(SearchOptions.BatchSize) => new SearchOptions { BatchSize = 0 },
            nameof(SearchOptions.NodeBudget) => new SearchOptions { NodeBudget = 0 },
            _ => new SearchOptions { DirichletEpsilon = 2 },
        };
        Assert.Throws<ArgumentException>(() => new Search(SmallGame(), new RolloutEvaluator(), options));
    }

    [Fact]
    public void DirichletAlphaScalesWithTheBoard()
    {
        Assert.Equal(0.03, SearchOptions.Default.AlphaFor(19), 10);
        Assert.Equal(0.03 * 361 / 25, SearchOptions.Default.AlphaFor(5), 10);
    }
}
